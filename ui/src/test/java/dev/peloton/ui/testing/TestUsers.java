package dev.peloton.ui.testing;

/**
 * Three users for tests of the UI, one per role, all with the password {@link #PASSWORD}: {@code viewer},
 * {@code operator} and {@code admin}. {@link #PROPERTIES} configures them, as one entry of
 * {@code @SpringBootTest(properties = ...)} (an entry may hold several lines).
 */
public final class TestUsers {

    public static final String PASSWORD = "pw";

    public static final String PROPERTIES = """
            peloton.security.users[0].name=viewer
            peloton.security.users[0].password={noop}pw
            peloton.security.users[0].roles=VIEWER
            peloton.security.users[1].name=operator
            peloton.security.users[1].password={noop}pw
            peloton.security.users[1].roles=OPERATOR
            peloton.security.users[2].name=admin
            peloton.security.users[2].password={noop}pw
            peloton.security.users[2].roles=ADMIN
            """;

    private TestUsers() {
    }
}
