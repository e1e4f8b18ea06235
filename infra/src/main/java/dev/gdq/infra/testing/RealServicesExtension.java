package dev.gdq.infra.testing;

import dev.gdq.infra.LocalServices;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension behind {@link RealServices}: starts the {@link SharedServices} before the first
 * test class that uses it and resolves {@link LocalServices} parameters. The servers are held in the
 * root extension context's store, so they are started once per test JVM and stopped when the test
 * run ends.
 */
public final class RealServicesExtension implements BeforeAllCallback, ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(RealServicesExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        services(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == LocalServices.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return services(extensionContext);
    }

    /** The shared servers, started on the first call of the test run. */
    public static LocalServices services(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Lease.class, key -> new Lease(SharedServices.acquire()), Lease.class)
                .services();
    }

    /** Closed by JUnit when the root store closes, at the end of the test run. */
    private record Lease(LocalServices services) implements AutoCloseable {

        @Override
        public void close() {
            SharedServices.stop();
        }
    }
}
