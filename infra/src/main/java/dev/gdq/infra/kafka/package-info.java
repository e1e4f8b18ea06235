/** A real single-node Kafka broker in KRaft mode (broker and controller in one child JVM). */
package dev.gdq.infra.kafka;
