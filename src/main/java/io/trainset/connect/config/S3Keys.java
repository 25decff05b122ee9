package io.trainset.connect.config;

import static io.trainset.connect.config.Validators.named;

import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/** The little helpers of the S3 group's classes: whether a key is given, pattern validators, and typed values. */
final class S3Keys {

    private S3Keys() {}

    static boolean given(Violations violations, String key) {
        return !violations.raw(key, "").isBlank();
    }

    static ConfigDef.Validator optional(String what, Pattern pattern, String example) {
        return named("empty or " + what, (name, value) -> {
            if (value != null && !value.toString().isBlank()) {
                matches(name, value, pattern, "Give " + what + ", " + example + ", or leave it empty.");
            }
        });
    }

    static void matches(String name, Object value, Pattern pattern, String fix) {
        if (value == null || !pattern.matcher(value.toString().trim()).matches()) {
            throw new ConfigException(name, value, fix);
        }
    }

    static Optional<String> text(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    static Optional<String> secret(Password password) {
        return password == null ? Optional.empty() : text(password.value());
    }
}
