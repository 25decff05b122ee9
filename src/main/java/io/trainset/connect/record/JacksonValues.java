package io.trainset.connect.record;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON text ({@code byte[]} or {@code String}) read with Jackson's streaming parser for {@link ValueReader}: into
 * the map {@code JsonConverter} (schemaless) would make ({@link #read}), or into one slot per kept path ({@link
 * #readFields}), the same tokens read or skipped the same way. Text that is not JSON is an {@link
 * IllegalArgumentException} with Jackson's reason and the text's first 80 characters.
 */
final class JacksonValues {

    private static final JsonFactory JSON = new JsonFactory();

    private JacksonValues() {}

    /** The kept paths' values of a JSON object, in {@code slots} slots; null when the text is not a JSON object. */
    static Object[] readFields(Object text, Keep root, int slots) {
        try (JsonParser parser = open(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Object[] values = new Object[slots];
            fill(parser, root, values);
            return values;
        } catch (JsonProcessingException e) {
            throw notJson(text, e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw notJson(text, e.getMessage(), e);
        }
    }

    /** The value of JSON text, an object keeping only what {@code root} keeps (every field when null). */
    static Object read(Object text, Keep root) {
        try (JsonParser parser = open(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new IllegalArgumentException("the value is empty, not a JSON document");
            }
            return first == JsonToken.START_OBJECT ? object(parser, root) : scalarOrList(parser, first);
        } catch (JsonProcessingException e) {
            throw notJson(text, e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw notJson(text, e.getMessage(), e);
        }
    }

    /** What {@link #object} reads, into slots: the same tokens, read or skipped the same way. */
    private static void fill(JsonParser parser, Keep keep, Object[] values) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            Keep child = keep.field(parser.currentName());
            JsonToken token = parser.nextToken();
            if (child == null) {
                parser.skipChildren();
            } else if (child.whole()) {
                values[child.slot()] = scalarOrList(parser, token);
            } else {
                for (int slot : child.below()) {
                    values[slot] = null;
                }
                if (token == JsonToken.START_OBJECT) {
                    fill(parser, child, values);
                } else {
                    scalarOrList(parser, token);
                }
            }
        }
    }

    private static JsonParser open(Object value) throws IOException {
        return value instanceof byte[] bytes ? JSON.createParser(bytes) : JSON.createParser((String) value);
    }

    private static Map<String, Object> object(JsonParser parser, Keep keep) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            Keep child = keep == null ? null : keep.field(name);
            if (keep != null && child == null) {
                parser.skipChildren();
            } else if (token == JsonToken.START_OBJECT) {
                map.put(name, object(parser, child == null || child.whole() ? null : child));
            } else {
                map.put(name, scalarOrList(parser, token));
            }
        }
        return map;
    }

    private static Object scalarOrList(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> object(parser, null);
            case START_ARRAY -> list(parser);
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT ->
                parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? parser.getBigIntegerValue()
                        : parser.getLongValue();
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IOException("unexpected " + token);
        };
    }

    private static List<Object> list(JsonParser parser) throws IOException {
        List<Object> list = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token == null) {
                throw new IOException("the document ends inside an array");
            }
            list.add(scalarOrList(parser, token));
        }
        return list;
    }

    private static IllegalArgumentException notJson(Object value, String reason, IOException cause) {
        return new IllegalArgumentException(
                "the value is not valid JSON (" + reason + "): '" + preview(value) + "'", cause);
    }

    private static String preview(Object value) {
        String text = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : (String) value;
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
