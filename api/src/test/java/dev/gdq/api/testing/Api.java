package dev.gdq.api.testing;

import static io.restassured.RestAssured.given;

import io.minio.MinioClient;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import org.eclipse.microprofile.config.ConfigProvider;

/** The test tenants' keys (see %test in application.properties) and the services the app was started with. */
public final class Api {

    public static final String KEY_A = "key-team-a";
    public static final String KEY_B = "key-team-b";
    public static final String KEY_PAGES = "key-pages";
    public static final String KEY_RESTART = "key-restart";
    public static final String TENANT_A = "team-a";

    private Api() {
    }

    /** A request authenticated with {@code key} through the X-API-Key header. */
    public static RequestSpecification as(String key) {
        return given().header("X-API-Key", key);
    }

    public static URI uri(String path) {
        return URI.create(RestAssured.baseURI + ":" + RestAssured.port + path);
    }

    public static String kafkaBootstrapServers() {
        return config("kafka.bootstrap.servers");
    }

    public static String bucket() {
        return config("gdq.s3.bucket");
    }

    public static MinioClient minio() {
        return MinioClient.builder()
                .endpoint(config("gdq.s3.endpoint"))
                .region("us-east-1")
                .credentials(config("gdq.s3.access-key"), config("gdq.s3.secret-key"))
                .build();
    }

    private static String config(String name) {
        return ConfigProvider.getConfig().getValue(name, String.class);
    }
}
