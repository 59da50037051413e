package dev.portcullis.api.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ForwardPathsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /                | true
            /a               | true
            /a/              | true
            /a/b%2Fc         | true
            /a/...           | true
            /a/.well-known   | true
            /a/%2e%2e%2e     | true
            /a/b;jsessionid=1 | true
            ''               | false
            a/b              | false
            //a              | false
            /a//b            | false
            /a//             | false
            /.               | false
            /..              | false
            /a/./b           | false
            /a/../b          | false
            /a/%2e%2e/b      | false
            /a/%2E%2e/b      | false
            /a/.%2e          | false
            /a/%2e           | false
            /a/..;/b         | false
            /a/..;x=1/b      | false
            """)
    void onlyPathsWithoutEmptyOrDotSegmentsAreForwardable(String path, boolean forwardable) {
        assertEquals(forwardable, ForwardPaths.isForwardable(path), path);
    }
}
