package dev.gdq.api.models;

import dev.gdq.api.config.ApiConfig;
import dev.gdq.api.problem.Problem;
import dev.gdq.api.problem.ProblemException;
import dev.gdq.api.problem.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /v1/models}: the served models with their class names. */
@Path("/v1/models")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "models")
@ApplicationScoped
public class ModelsResource {

    @Inject
    ModelCatalog catalog;

    @Inject
    ApiConfig config;

    @GET
    @Operation(summary = "The served models", description = "Each model with its classes (by index and name), "
            + "step limit and whether classifier guidance is available.")
    @APIResponse(responseCode = "200", description = "the served models",
            content = @Content(schema = @Schema(implementation = ModelDescription.class, type = SchemaType.ARRAY)))
    public List<ModelDescription> list() {
        return catalog.manifests().values().stream()
                .map(manifest -> ModelDescription.of(manifest, config.limits().maxSteps()))
                .toList();
    }

    @GET
    @Path("{name}")
    @Operation(summary = "One served model")
    @APIResponse(responseCode = "200", description = "the model",
            content = @Content(schema = @Schema(implementation = ModelDescription.class)))
    @APIResponse(responseCode = "404", description = "no such model",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ModelDescription get(@PathParam("name") String name) {
        return catalog.find(name)
                .map(manifest -> ModelDescription.of(manifest, config.limits().maxSteps()))
                .orElseThrow(() -> new ProblemException(
                        Problems.http(404, "No such model", "model '" + name + "' is not served")));
    }
}
