package io.vigil.engine;

import io.vigil.support.Causes;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContextFactory;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.stereotype.Component;

/**
 * A refused input is a person's mistake, which the ticket core logs as one line at INFO
 * ({@code TicketInput.refusal}). The engine logs its own {@link BadUserRequestException} at DEBUG,
 * but a listener's refusal reaches it wrapped in the listener's exception, which it logged at ERROR
 * with the whole stack (ENGINE-16004). Here a refusal anywhere in the chain is logged as the engine
 * logs its own; every other failure stays an error.
 */
@Component
class RefusalLogging extends AbstractCamundaConfiguration {

  @Override
  public void preInit(SpringProcessEngineConfiguration configuration) {
    CommandContextFactory factory = new CommandContextFactory() {
      @Override
      public CommandContext createCommandContext() {
        return new CommandContext(getProcessEngineConfiguration()) {
          @Override
          protected boolean shouldLogFine(Throwable exception) {
            return super.shouldLogFine(exception) || Causes.any(exception, BadUserRequestException.class);
          }
        };
      }
    };
    factory.setProcessEngineConfiguration(configuration);
    configuration.setCommandContextFactory(factory);
  }
}
