package io.vigil.cluster;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code vigil.cluster.*}: how the engine nodes find each other to share the SLA schedule in an
 * embedded Hazelcast cluster. Members join by a TCP-IP list (each member with its port, e.g.
 * {@code 10.0.0.5:5701}), or, on Kubernetes, by the DNS name of a headless service.
 */
@Validated
@ConfigurationProperties("vigil.cluster")
public record ClusterProperties(
    @DefaultValue("vigil") @NotBlank String name,
    @DefaultValue("5701") @Min(1) @Max(65535) int port,
    @DefaultValue("TCP_IP") @NotNull Discovery discovery,
    @DefaultValue("127.0.0.1:5701") List<String> members,
    String kubernetesServiceDns) {

  /** How members find each other. */
  public enum Discovery {
    TCP_IP,
    KUBERNETES
  }

  public ClusterProperties {
    if (discovery == Discovery.TCP_IP) {
      for (String member : members) {
        if (!member.matches(".+:\\d{1,5}")) {
          throw new IllegalArgumentException("vigil.cluster.members: '" + member
              + "' needs its port (host:5701): without one, members pick ports apart and the cluster splits");
        }
      }
    }
    if (discovery == Discovery.KUBERNETES && (kubernetesServiceDns == null || kubernetesServiceDns.isBlank())) {
      throw new IllegalArgumentException("vigil.cluster.kubernetes-service-dns is needed for Kubernetes discovery");
    }
  }
}
