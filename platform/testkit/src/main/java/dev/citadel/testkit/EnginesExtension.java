package dev.citadel.testkit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: makes sure the shared engines run before the class's tests, and injects
 * {@link TestEngines} into test, lifecycle and constructor parameters.
 *
 * <pre>{@code
 * @ExtendWith(EnginesExtension.class)
 * class OrdersIT {
 *     @Test
 *     void storesAnOrder(TestEngines engines) { ... }
 * }
 * }</pre>
 */
public final class EnginesExtension implements BeforeAllCallback, ParameterResolver {

    @Override
    public void beforeAll(ExtensionContext context) {
        SharedEngines.get();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestEngines.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return SharedEngines.get();
    }
}
