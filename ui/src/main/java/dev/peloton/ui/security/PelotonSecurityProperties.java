package dev.peloton.ui.security;

import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may use the UI and the API, under {@code peloton.security.*}.
 *
 * @param enabled false turns login and roles off (local development only: everyone may do everything)
 * @param users   the users; when none is configured, an {@code admin} user with a generated password is created
 */
@ConfigurationProperties("peloton.security")
public record PelotonSecurityProperties(@DefaultValue("true") boolean enabled, List<User> users) {

    public PelotonSecurityProperties {
        users = users == null ? List.of() : List.copyOf(users);
        for (int i = 0; i < users.size(); i++) {
            users.get(i).validate(i);
        }
        for (int i = 0; i < users.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (users.get(i).name().equals(users.get(j).name())) {
                    throw new IllegalArgumentException("peloton.security.users[" + i + "].name '" + users.get(i).name()
                            + "' is already the name of peloton.security.users[" + j + "]");
                }
            }
        }
    }

    /**
     * One user.
     *
     * @param name     the login name
     * @param password the password with its encoding as a prefix: {@code {bcrypt}$2a$...} or {@code {noop}secret}
     * @param roles    VIEWER, OPERATOR and/or ADMIN
     */
    public record User(String name, String password, List<String> roles) {

        public User {
            roles = roles == null ? List.of() : List.copyOf(roles);
        }

        void validate(int index) {
            String at = "peloton.security.users[" + index + "]";
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException(at + ".name is missing: every user needs a login name");
            }
            if (password == null || password.isBlank()) {
                throw new IllegalArgumentException(at + ".password is missing for user '" + name + "'");
            }
            if (!password.startsWith("{bcrypt}") && !password.startsWith("{noop}")) {
                throw new IllegalArgumentException(at + ".password of user '" + name + "' must start with {bcrypt}"
                        + " (a bcrypt hash) or {noop} (clear text, for tests)");
            }
            if (roles.isEmpty()) {
                throw new IllegalArgumentException(at + ".roles is empty for user '" + name
                        + "': give VIEWER, OPERATOR or ADMIN");
            }
            for (String r : roles) {
                Role.parse(r, at + ".roles");
            }
        }

        /** The granted roles, each with the roles it includes. */
        public List<Role> effectiveRoles() {
            return Role.expand(roles.stream().map(r -> Role.parse(r, "roles")).toList());
        }
    }

    /** Roles are ordered: each includes the ones before it. */
    public enum Role {
        /** Reads everything. */
        VIEWER,
        /** Materializes, backfills, cancels and re-executes runs. */
        OPERATOR,
        /** Everything, including switching schedules and sensors on and off. */
        ADMIN;

        public static Role parse(String text, String where) {
            String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
            if (t.startsWith("ROLE_")) {
                t = t.substring(5);
            }
            try {
                return Role.valueOf(t);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + " has '" + text + "', not one of VIEWER, OPERATOR, ADMIN");
            }
        }

        /** {@code roles} with every role they include (ADMIN includes OPERATOR includes VIEWER). */
        public static List<Role> expand(List<Role> roles) {
            int max = roles.stream().mapToInt(Enum::ordinal).max().orElse(-1);
            return java.util.Arrays.stream(values()).filter(r -> r.ordinal() <= max).toList();
        }
    }
}
