package dev.gdq.api.openapi;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The REST application and its OpenAPI definition ({@code /q/openapi}). */
@OpenAPIDefinition(
        info = @Info(title = "gdq generation API", version = "1",
                description = "Guided-diffusion image generation on a Kafka job queue. Submit a request (or a JSONL "
                        + "batch of them), follow the job by polling or Server-Sent Events, cancel it, and fetch the "
                        + "images through presigned links. Guidance scales follow diffusers' convention: "
                        + "eps = eps_uncond + s * (eps_cond - eps_uncond); s = 1 is plain conditional sampling, "
                        + "s = 0 unconditional; the classifier-free guidance paper's w is s - 1. Errors are RFC 9457 "
                        + "problem documents (application/problem+json)."),
        security = {@SecurityRequirement(name = "bearer"), @SecurityRequirement(name = "apiKey")},
        tags = {@Tag(name = "generations", description = "submit, follow and cancel jobs"),
                @Tag(name = "batches", description = "submit many requests at once"),
                @Tag(name = "models", description = "the served models")})
@SecuritySchemes({
    @SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
            description = "Authorization: Bearer <API key>"),
    @SecurityScheme(securitySchemeName = "apiKey", type = SecuritySchemeType.APIKEY, apiKeyName = "X-API-Key",
            in = SecuritySchemeIn.HEADER, description = "X-API-Key: <API key>")})
public class ApiDefinition extends Application {
}
