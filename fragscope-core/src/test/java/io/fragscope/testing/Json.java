package io.fragscope.testing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a JSON file into Maps, Lists, Strings, Numbers and Booleans with jackson-core's streaming parser. */
public final class Json {
    private Json() {}

    public static Object read(Path file) throws IOException {
        try (JsonParser p = new JsonFactory().createParser(file.toFile())) {
            p.nextToken();
            return value(p);
        }
    }

    private static Object value(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() != JsonToken.END_OBJECT) {
                    String name = p.currentName();
                    p.nextToken();
                    m.put(name, value(p));
                }
                return m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) l.add(value(p));
                return l;
            }
            case VALUE_STRING -> { return p.getText(); }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> { return p.getNumberValue(); }
            case VALUE_TRUE, VALUE_FALSE -> { return p.getBooleanValue(); }
            default -> { return null; }
        }
    }
}
