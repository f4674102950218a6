package dev.peloton.runtime.storage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The JDBC handles every storage class uses on one {@link DataSource}. They take part in a surrounding
 * Spring transaction on the same data source, so a caller can write a run together with its request.
 */
record Jdbc(JdbcTemplate template, JdbcClient client, TransactionTemplate tx) {

    static Jdbc on(DataSource dataSource) {
        JdbcTemplate template = new JdbcTemplate(dataSource);
        return new Jdbc(template, JdbcClient.create(template),
                new TransactionTemplate(new JdbcTransactionManager(dataSource)));
    }

    /** PostgreSQL keeps microseconds; pgjdbc binds {@link OffsetDateTime}, not {@link Instant}. */
    static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
