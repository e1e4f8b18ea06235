package dev.gdq.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A class of the model, named either by its name in the model manifest ({@code "sneaker"}) or by its
 * index ({@code 7}). On the wire it is a JSON string or a JSON integer.
 */
public record ClassRef(String name, Integer index) {

    public ClassRef {
        if ((name == null) == (index == null)) {
            throw new IllegalArgumentException("a class is named by exactly one of a name or an index");
        }
    }

    public static ClassRef named(String name) {
        return new ClassRef(name, null);
    }

    public static ClassRef indexed(int index) {
        return new ClassRef(null, index);
    }

    @JsonCreator
    static ClassRef fromJson(Object value) {
        if (value instanceof String s) {
            return named(s);
        }
        if (value instanceof Integer i) {
            return indexed(i);
        }
        throw new IllegalArgumentException("a class is a name (string) or an index (integer), not " + value);
    }

    @JsonValue
    Object toJson() {
        return name != null ? name : index;
    }

    public boolean isIndex() {
        return index != null;
    }

    @Override
    public String toString() {
        return String.valueOf(toJson());
    }
}
