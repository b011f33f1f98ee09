package dev.berth.shim;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** One shim per test class with the standard PATCH and Table extensions over plain HTTP, and a client for it. */
abstract class StandardShimTest {
    @TempDir
    static Path dir;
    static ShimFixture fixture;
    static Http http;

    @BeforeAll
    static void start() throws IOException {
        fixture = ShimFixture.start(dir, StandardExtensions.plain(Clock.systemUTC()));
        http = new Http(fixture.url());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }
}
