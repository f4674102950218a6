package dev.peloton.ui.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The {@code admin} user's password when no user is configured. The first start generates a random password,
 * keeps only its bcrypt hash ({@code <data-dir>/security/admin-password.bcrypt}) and writes the clear password
 * once to {@code <data-dir>/admin-password.txt}, readable only by its owner, for the operator to pick up. Later
 * starts reuse the hash, so the password stays valid after the clear file is deleted.
 */
public final class GeneratedAdminPassword {

    private static final Logger LOG = LoggerFactory.getLogger(GeneratedAdminPassword.class);

    public static final String USER = "admin";
    public static final String CLEAR_FILE = "admin-password.txt";
    public static final String HASH_FILE = "security/admin-password.bcrypt";

    private GeneratedAdminPassword() {
    }

    /** The stored hash ({@code {bcrypt}...}), generated and written on the first call for {@code dataDir}. */
    public static String hash(Path dataDir) {
        Path hashFile = dataDir.resolve(HASH_FILE);
        Path clearFile = dataDir.resolve(CLEAR_FILE);
        try {
            if (Files.exists(hashFile)) {
                String stored = Files.readString(hashFile, StandardCharsets.UTF_8).trim();
                if (!stored.startsWith("{bcrypt}$2")) {
                    throw new IllegalStateException("The stored admin password hash " + hashFile.toAbsolutePath()
                            + " is not a {bcrypt} hash; delete it to generate a new password");
                }
                LOG.info("Security: no users configured (peloton.security.users); user '{}' uses the password generated"
                        + " on the first start{}", USER, Files.exists(clearFile)
                                ? ", written to " + clearFile.toAbsolutePath() : "");
                return stored;
            }
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            String hash = "{bcrypt}" + new BCryptPasswordEncoder().encode(password);
            writeOwnerOnly(clearFile, password + System.lineSeparator());
            writeOwnerOnly(hashFile, hash + System.lineSeparator());
            LOG.warn("Security: no users configured (peloton.security.users); created user '{}' with a generated"
                    + " password, written to {} (readable only by its owner). Configure users for production.",
                    USER, clearFile.toAbsolutePath());
            return hash;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the generated admin password under "
                    + dataDir.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    private static void writeOwnerOnly(Path file, String text) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (posix) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(ownerOnly));
        } else {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        try {
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            Files.delete(tmp);
            throw e;
        }
    }
}
