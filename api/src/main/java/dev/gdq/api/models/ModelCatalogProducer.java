package dev.gdq.api.models;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;

/** Reads the model catalog once, at start (so a missing or broken manifest shows in the log at once). */
public class ModelCatalogProducer {

    @Produces
    @Singleton
    @Startup
    ModelCatalog modelCatalog(ModelsConfig models) {
        return ModelCatalog.load(models.dirs().stream().map(Path::of).toList());
    }
}
