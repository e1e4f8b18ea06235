package dev.gdq.infra.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class against a real Kafka broker and a real S3 server, shared by every
 * test of the JVM (see {@link RealServicesExtension}). Declare a {@link dev.gdq.infra.LocalServices}
 * parameter on a test, lifecycle method or constructor to get their addresses.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@ExtendWith(RealServicesExtension.class)
public @interface RealServices {
}
