package dev.peloton.ui.lineage;

import dev.peloton.runtime.api.LineageService;
import dev.peloton.runtime.api.LineageService.Lineage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Lays out the whole asset graph once the application is ready, in a background thread, so that the first visit
 * of the lineage page does not wait for ELK (seconds at 5,000 assets). Off with
 * {@code peloton.ui.lineage.warm-up=false}.
 */
public class LineageWarmUp implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(LineageWarmUp.class);

    private final LineageService lineage;
    private final LineageLayout layout;

    public LineageWarmUp(LineageService lineage, LineageLayout layout) {
        this.lineage = lineage;
        this.layout = layout;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        Thread t = new Thread(this::warmUp, "peloton-lineage-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    void warmUp() {
        try {
            long start = System.nanoTime();
            Lineage all = lineage.lineage(null);
            layout.drawing(all.nodes(), all.edges());
            LOG.info("Laid out the lineage graph of {} assets in {} ms", all.nodes().size(),
                    (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            // The page lays the graph out on its first visit instead; nothing else depends on this.
            LOG.warn("Could not lay out the lineage graph in advance: {}", e.toString());
        }
    }
}
