package dev.peloton.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peloton.ui.security.GeneratedAdminPassword;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The admin password generated when no user is configured: written once, owner-only, reused. */
class GeneratedAdminPasswordTest {

    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    @Test
    void firstStartWritesTheClearPasswordOwnerOnlyAndKeepsOnlyItsHash(@TempDir Path dir) throws Exception {
        String hash = GeneratedAdminPassword.hash(dir);
        Path clear = dir.resolve(GeneratedAdminPassword.CLEAR_FILE);
        String password = Files.readString(clear, StandardCharsets.UTF_8).trim();
        assertThat(password).hasSizeGreaterThanOrEqualTo(20);
        assertThat(hash).startsWith("{bcrypt}$2").doesNotContain(password);
        assertThat(encoder.matches(password, hash)).isTrue();
        assertThat(encoder.matches(password + "x", hash)).isFalse();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(clear))).isEqualTo("rw-------");
        Path hashFile = dir.resolve(GeneratedAdminPassword.HASH_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(hashFile))).isEqualTo("rw-------");
        assertThat(Files.readString(hashFile)).doesNotContain(password);
    }

    @Test
    void laterStartsReuseThePasswordEvenAfterTheClearFileIsDeleted(@TempDir Path dir) throws Exception {
        String first = GeneratedAdminPassword.hash(dir);
        Path clear = dir.resolve(GeneratedAdminPassword.CLEAR_FILE);
        String password = Files.readString(clear).trim();
        assertThat(GeneratedAdminPassword.hash(dir)).isEqualTo(first);
        assertThat(Files.readString(clear).trim()).isEqualTo(password);
        Files.delete(clear);
        String again = GeneratedAdminPassword.hash(dir);
        assertThat(again).isEqualTo(first);
        assertThat(encoder.matches(password, again)).isTrue();
        assertThat(clear).doesNotExist();
    }

    @Test
    void aCorruptStoredHashIsAClearError(@TempDir Path dir) throws Exception {
        Path hashFile = dir.resolve(GeneratedAdminPassword.HASH_FILE);
        Files.createDirectories(hashFile.getParent());
        Files.writeString(hashFile, "plain-text");
        assertThatThrownBy(() -> GeneratedAdminPassword.hash(dir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(hashFile.toAbsolutePath().toString()).hasMessageContaining("delete it");
    }
}
