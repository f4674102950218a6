package dev.peloton.tdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessMemoryTest {

    @Test
    void readsKilobyteFieldsOfProcFiles(@TempDir Path dir) throws Exception {
        String status = "Name:\tjava\nVmPeak:\t 6222240 kB\nVmHWM:\t  1506008 kB\nVmRSS:\t  1400000 kB\n";
        assertThat(ProcessMemory.parse(status, "VmHWM:")).hasValue(1_506_008);
        assertThat(ProcessMemory.parse(status, "VmSwap:")).isEmpty();
        Path file = dir.resolve("smaps_rollup");
        Files.writeString(file, "55d0a0000000-7ffd8f7fe000 ---p 00000000 00:00 0 [rollup]\nRss:  20 kB\nPss:  12 kB\n");
        assertThat(ProcessMemory.field(file, "Pss:")).hasValue(12);
        assertThat(ProcessMemory.field(dir.resolve("missing"), "Pss:")).isEmpty();
    }

    @Test
    void thisProcessHasAPeakAndAParentOnLinux() {
        assumeTrue(Files.exists(Path.of("/proc/self/status")), "no /proc here (not Linux): the figures are left out");
        assertThat(ProcessMemory.peakRssKb().orElse(0)).isPositive();
        long pid = ProcessHandle.current().pid();
        assertThat(ProcessMemory.parentOf(pid)).hasValue(ProcessHandle.current().parent().orElseThrow().pid());
        assertThat(ProcessMemory.treePssKb(pid).orElse(0)).isPositive();
        try (ProcessMemory.TreeSampler sampler = new ProcessMemory.TreeSampler(pid, 10)) {
            sampler.sample();
            assertThat(sampler.peakKb().orElse(0)).isPositive();
        }
    }
}
