package dev.gdq.api;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The api never loads a model: no DJL class may be on its classpath. */
class ModuleDependenciesTest {

    @Test
    void djlIsNotOnTheClasspath() {
        assertThatThrownBy(() -> Class.forName("ai.djl.Model")).isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("ai.djl.engine.Engine")).isInstanceOf(ClassNotFoundException.class);
    }
}
