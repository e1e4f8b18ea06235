package dev.gdq.api.models;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/** {@code gdq.models.*}. */
@ConfigMapping(prefix = "gdq.models")
public interface ModelsConfig {

    /**
     * Folders holding model manifests: each is a model folder ({@code <dir>/model.json}) or a folder of model
     * folders ({@code <dir>/<model>/model.json}). Relative paths are resolved against the working directory and
     * folders that do not exist are skipped, so the default finds the repository's {@code models/} from the
     * repository root and from {@code api/}. Env: {@code GDQ_MODELS_DIRS=/srv/models,/opt/more}.
     */
    @WithDefault("models,../models")
    List<String> dirs();
}
