package io.github.kubestashmetrics.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class LabelTextsTest {

  @Test
  void everyScalarIsItsTextAndEveryContainerItsCompactJson() throws Exception {
    var tree =
        new ObjectMapper()
            .readTree("{\"b\": {\"x\": 1, \"a\": [true, null, 2.5]}, \"s\": \"yes\", \"n\": null}");
    assertThat(LabelTexts.of(tree))
        .containsExactly(
            "{\"b\":{\"x\":1,\"a\":[true,null,2.5]},\"s\":\"yes\",\"n\":null}",
            "{\"x\":1,\"a\":[true,null,2.5]}",
            "1",
            "[true,null,2.5]",
            "true",
            "2.5",
            "yes");
  }
}
