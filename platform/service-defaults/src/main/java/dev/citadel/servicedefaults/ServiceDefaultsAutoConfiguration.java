package dev.citadel.servicedefaults;

import dev.citadel.servicedefaults.edge.EdgeClientFilter;
import dev.citadel.servicedefaults.edge.EdgeIdFilter;
import dev.citadel.servicedefaults.kafka.KafkaConnection;
import dev.citadel.servicedefaults.problem.ProblemErrorController;
import dev.citadel.servicedefaults.problem.ServiceProblemAdvice;
import dev.citadel.servicedefaults.secret.SecretConverter;
import dev.citadel.servicedefaults.trace.CorrelationFilter;
import dev.citadel.servicedefaults.trace.CurrentSpan;
import dev.citadel.servicedefaults.trace.TracerCurrentSpan;
import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * What every stamp service gets by having this module on its classpath (eShop's {@code AddServiceDefaults()}, once
 * per service): {@link dev.citadel.platform.pki.Secret} binding, the correlation id, the public port's edge checks,
 * problem+json for framework and container errors, and the one Kafka connection. The management port's identity
 * check is registered by {@link ManagementAccessConfiguration} in whichever context serves that port.
 */
@AutoConfiguration(before = {WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class})
@EnableConfigurationProperties(ServiceDefaultsProperties.class)
public class ServiceDefaultsAutoConfiguration {

    /** Static: the binder needs it before any properties record (this class's own included) is bound. */
    @Bean
    @ConfigurationPropertiesBinding
    static SecretConverter citadelSecretConverter() {
        return new SecretConverter();
    }

    @Bean
    @ConditionalOnClass(name = "org.apache.kafka.clients.CommonClientConfigs")
    KafkaConnection citadelKafkaConnection(ServiceDefaultsProperties properties) {
        return new KafkaConnection(properties.kafka());
    }

    static String managementBasePath(Environment env) {
        return env.getProperty("management.endpoints.web.base-path", "/actuator");
    }

    /**
     * The actuator paths the public port's edge filters leave to the management filter: only when management shares
     * the main port. With a separate management port the main port has no management paths, so nothing there is
     * exempt from the edge checks ({@code null}).
     */
    static String managementPathsOnMainPort(Environment env) {
        return ManagementPortType.get(env) == ManagementPortType.DIFFERENT ? null : managementBasePath(env);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Tracer.class)
    static class Tracing {

        @Bean
        CurrentSpan citadelCurrentSpan(ObjectProvider<Tracer> tracer) {
            return new TracerCurrentSpan(tracer);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class Web {

        @Bean
        FilterRegistrationBean<CorrelationFilter> citadelCorrelationFilter(ObjectProvider<CurrentSpan> spans) {
            return registration(new CorrelationFilter(spans), CorrelationFilter.ORDER);
        }

        @Bean
        FilterRegistrationBean<EdgeClientFilter> citadelEdgeClientFilter(ServiceDefaultsProperties properties,
                Environment env) {
            return registration(new EdgeClientFilter(properties.edge(), managementPathsOnMainPort(env)),
                    EdgeClientFilter.ORDER);
        }

        @Bean
        FilterRegistrationBean<EdgeIdFilter> citadelEdgeIdFilter(ServiceDefaultsProperties properties,
                Environment env) {
            return registration(new EdgeIdFilter(properties.edge(), managementPathsOnMainPort(env)), EdgeIdFilter.ORDER);
        }

        @Bean
        @ConditionalOnMissingBean(ResponseEntityExceptionHandler.class)
        ServiceProblemAdvice citadelProblemAdvice() {
            return new ServiceProblemAdvice();
        }

        @Bean
        @ConditionalOnMissingBean(ErrorController.class)
        ProblemErrorController citadelProblemErrorController() {
            return new ProblemErrorController();
        }
    }

    static <F extends jakarta.servlet.Filter> FilterRegistrationBean<F> registration(F filter, int order) {
        FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(order);
        return registration;
    }
}
