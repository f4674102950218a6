package dev.peloton.runtime.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peloton.core.engine.event.RunEvent;
import dev.peloton.core.engine.event.RunOutcome;
import dev.peloton.core.engine.event.StepCounts;
import dev.peloton.runtime.storage.NewEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RunEventCodecTest {

    private final RunEventCodec codec = new RunEventCodec();
    private final JsonMapper mapper = JsonMapper.builder().build();

    @Test
    void runFinishedStoresItsStepCountsAsNumbersNotAsJavaText() {
        NewEvent stored = codec.toNewEvent(new RunEvent.RunFinished("0190f1c2-7a3b-7c4d-8e5f-6a7b8c9d0e1f", Instant.parse("2023-07-01T12:00:00Z"),
                RunOutcome.FAILURE, new StepCounts(3, 1, 2, 4, 0, 5, 6)));

        JsonNode payload = mapper.readTree(stored.payloadJson());
        assertThat(stored.type()).isEqualTo(RunEventCodec.RUN_FINISHED);
        assertThat(payload.get("outcome").asString()).isEqualTo("FAILURE");
        JsonNode counts = payload.get("counts");
        assertThat(counts.isObject()).as(stored.payloadJson()).isTrue();
        assertThat(counts.get("succeeded").intValue()).isEqualTo(3);
        assertThat(counts.get("checkFailed").intValue()).isEqualTo(1);
        assertThat(counts.get("failed").intValue()).isEqualTo(2);
        assertThat(counts.get("skipped").intValue()).isEqualTo(4);
        assertThat(counts.get("canceled").intValue()).isZero();
        assertThat(counts.get("notRun").intValue()).isEqualTo(5);
        assertThat(counts.get("completedEarlier").intValue()).isEqualTo(6);
    }
}
