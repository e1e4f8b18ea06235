package dev.gdq.api.models;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;

/** Reads the model catalog once, at start. */
public class ModelCatalogProducer {

    @Produces
    @Singleton
    ModelCatalog modelCatalog(ModelsConfig models) {
        return ModelCatalog.load(models.dirs().stream().map(Path::of).toList());
    }
}
