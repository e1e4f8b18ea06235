package dev.gdq.api.models;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when at least one model manifest was read: without one, every request would be refused. */
@Readiness
@ApplicationScoped
public class ModelsHealthCheck implements HealthCheck {

    @Inject
    ModelCatalog catalog;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("models")
                .withData("served", String.join(",", catalog.manifests().keySet()))
                .withData("folders", catalog.searched().toString())
                .status(!catalog.manifests().isEmpty())
                .build();
    }
}
