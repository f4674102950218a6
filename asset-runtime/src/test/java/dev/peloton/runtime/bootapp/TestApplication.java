package dev.peloton.runtime.bootapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The smallest application that uses Peloton: everything it has comes from auto-configuration. */
@SpringBootApplication
public class TestApplication {
}
