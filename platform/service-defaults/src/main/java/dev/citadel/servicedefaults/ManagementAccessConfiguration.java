package dev.citadel.servicedefaults;

import dev.citadel.servicedefaults.management.ManagementAccessFilter;
import dev.citadel.servicedefaults.trace.CorrelationFilter;
import dev.citadel.servicedefaults.trace.CurrentSpan;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Registers the management port's identity check where that port is served. With a separate management port Spring
 * Boot runs a child context whose servlet container sees only the child's filters, so the filter must be declared
 * there ({@link Child}); when management shares the main port (background-processor, whose only port is its
 * management port) it is declared in the main context and judges only the actuator paths ({@link Same}).
 */
final class ManagementAccessConfiguration {

    private ManagementAccessConfiguration() {
    }

    static ManagementAccessFilter filter(ServiceDefaultsProperties properties, Environment env, boolean wholePort) {
        return new ManagementAccessFilter(properties.management().operators(), properties.scraperNames(),
                properties.management().plaintextAllowed(), properties.management().anonymousProbes(),
                ServiceDefaultsAutoConfiguration.managementBasePath(env), wholePort);
    }

    @ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class Child {

        @Bean
        FilterRegistrationBean<ManagementAccessFilter> citadelManagementAccessFilter(
                ServiceDefaultsProperties properties, Environment env) {
            return ServiceDefaultsAutoConfiguration.registration(filter(properties, env, true),
                    ManagementAccessFilter.ORDER);
        }

        /** The child port's refusals and responses carry the correlation id too. */
        @Bean
        FilterRegistrationBean<CorrelationFilter> citadelManagementCorrelationFilter(
                ObjectProvider<CurrentSpan> spans) {
            return ServiceDefaultsAutoConfiguration.registration(new CorrelationFilter(spans), CorrelationFilter.ORDER);
        }
    }

    @ManagementContextConfiguration(value = ManagementContextType.SAME, proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class Same {

        @Bean
        FilterRegistrationBean<ManagementAccessFilter> citadelManagementAccessFilter(
                ServiceDefaultsProperties properties, Environment env) {
            return ServiceDefaultsAutoConfiguration.registration(filter(properties, env, false),
                    ManagementAccessFilter.ORDER);
        }
    }
}
