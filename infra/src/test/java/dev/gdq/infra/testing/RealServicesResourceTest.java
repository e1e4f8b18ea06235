package dev.gdq.infra.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gdq.infra.LocalServices;
import java.util.Map;
import org.junit.jupiter.api.Test;

@RealServices
class RealServicesResourceTest {

    @Test
    void quarkusConfigurationNamesTheServersOfTheJUnitExtension(LocalServices services) {
        RealServicesResource resource = new RealServicesResource();

        Map<String, String> config = resource.start();
        resource.stop();

        assertThat(config).containsExactlyInAnyOrderEntriesOf(Map.of(
                "kafka.bootstrap.servers", services.kafkaBootstrapServers(),
                "gdq.s3.endpoint", services.s3Endpoint(),
                "gdq.s3.access-key", services.s3AccessKey(),
                "gdq.s3.secret-key", services.s3SecretKey(),
                "gdq.s3.bucket", services.bucket()));
    }

    @Test
    void stoppingTheQuarkusResourceKeepsTheSharedServersRunning(LocalServices services) {
        new RealServicesResource().stop();

        assertThat(SharedServices.acquire()).isEqualTo(services);
    }
}
