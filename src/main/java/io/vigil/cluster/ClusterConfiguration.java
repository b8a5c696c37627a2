package io.vigil.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.vigil.sla.SlaSchedule;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded Hazelcast member of an engine node (Spring Boot starts it from this configuration).
 * Every engine node is a member; worker nodes are not.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ClusterProperties.class)
class ClusterConfiguration {

  @Bean
  Config hazelcastConfig(ClusterProperties cluster) {
    Config config = new Config();
    config.setClusterName(cluster.name());
    config.setInstanceName("vigil-" + cluster.name() + "-" + cluster.port());
    // No internet here, and Spring closes the member when the application stops.
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.getNetworkConfig().setPort(cluster.port()).setPortAutoIncrement(false);
    JoinConfig join = config.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    switch (cluster.discovery()) {
      case TCP_IP -> join.getTcpIpConfig().setEnabled(true).setMembers(cluster.members());
      // The port too: without it Hazelcast probes 5701 on each address, and members on another port split.
      case KUBERNETES -> join.getKubernetesConfig().setEnabled(true).setProperty("service-dns", cluster.kubernetesServiceDns())
          .setProperty("service-port", String.valueOf(cluster.port()));
    }
    SlaSchedule.configure(config);
    return config;
  }
}
