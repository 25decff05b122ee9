package io.trainset.connect.config;

import io.trainset.connect.model.Policies;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** The validators several groups use; a validator's description shows in the generated docs and the REST answer. */
final class Validators {

    private Validators() {}

    /** A validator whose description shows in the generated docs and the REST validate answer. */
    static ConfigDef.Validator named(String description, BiConsumer<String, Object> check) {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                check.accept(name, value);
            }

            @Override
            public String toString() {
                return description;
            }
        };
    }

    /**
     * A validator that parses the value as the typed settings will: a parse failure
     * ({@link IllegalArgumentException} or {@link DateTimeException}) is the key's error, its message capitalised.
     */
    static ConfigDef.Validator parsing(String description, Consumer<Object> parse) {
        return named(description, (name, value) -> {
            try {
                parse.accept(value == null ? "" : value);
            } catch (IllegalArgumentException | DateTimeException e) {
                throw new ConfigException(name, value, capitalise(e.getMessage()) + ".");
            }
        });
    }

    /**
     * One of an enum's config values (its constants' names in lower case), case-insensitive, listed in declaration
     * order: the one validator of every enum-valued key.
     */
    static ConfigDef.Validator oneOf(Class<? extends Enum<?>> type) {
        List<String> values = List.of(Policies.configValues(type));
        return named("one of " + String.join(", ", values), (name, value) -> {
            String given = value == null ? "" : value.toString().trim().toLowerCase(Locale.ROOT);
            if (!values.contains(given)) {
                throw new ConfigException(name, value, "Use one of " + String.join(", ", values) + ".");
            }
        });
    }

    static ConfigDef.Validator fieldPath(boolean emptyAllowed) {
        return named(emptyAllowed ? "empty, or a dotted field path" : "a dotted field path", (name, value) -> {
            String path = value == null ? "" : value.toString().trim();
            if (path.isEmpty() && emptyAllowed) {
                return;
            }
            if (path.isEmpty() || Arrays.stream(path.split("\\.", -1)).anyMatch(String::isBlank)) {
                throw new ConfigException(
                        name,
                        value,
                        "Give a dotted field path such as 'department' or 'issue.id' (no empty segments).");
            }
        });
    }

    /** Empty, or an absolute local directory path. */
    static ConfigDef.Validator localDirectory() {
        return named("empty, or an absolute directory path", (name, value) -> {
            String path = value == null ? "" : value.toString().trim();
            if (!path.isEmpty() && !Path.of(path).isAbsolute()) {
                throw new ConfigException(
                        name,
                        value,
                        "Give an absolute path of a local directory with room, such "
                                + "as '/var/lib/trainset/spill', or leave it empty for the worker's temporary directory.");
            }
        });
    }

    /**
     * Rejects a URL with user info ({@code key:secret@host}) without repeating it: no message may carry a
     * credential (the REST validate answer, the worker's log). A URL without '@' has no user info.
     */
    static void rejectUserInfo(String name, String url, String form) {
        if (url.contains("@")) {
            throw new ConfigException("Invalid value for configuration " + name + ": it contains '@'; credentials"
                    + " or other user info ('key:secret@') are not accepted in a URL, and the value is not shown here"
                    + " in case it holds one. Give it as " + form + ", and the credentials in "
                    + S3Config.S3_ACCESS_KEY_ID + " and " + S3Config.S3_SECRET_ACCESS_KEY + " (a password, never shown"
                    + " or logged), or leave those empty for the default AWS credentials chain (environment, profile,"
                    + " instance or pod role).");
        }
    }

    /** A LIST value (or its text) as its entries. */
    static List<String> asList(Object value) {
        return value instanceof List<?> list
                ? list.stream().map(Object::toString).toList()
                : List.of(String.valueOf(value).split(","));
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }
}
