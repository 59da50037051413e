package dev.portcullis.servlet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ServletBodyReadSizeTest {
    @Test
    void aSmallDeclaredBodyIsReadIntoABufferOfItsOwnSize() {
        assertEquals(37, ServletBody.readSize(37));
    }

    @Test
    void aLargeDeclaredBodyIsReadInBuffersOfAtMostSixteenKibibytes() {
        assertEquals(16 * 1024, ServletBody.readSize(10L * 1024 * 1024 * 1024));
    }

    @Test
    void aChunkedBodyIsReadInBuffersOfFourKibibytes() {
        assertEquals(4 * 1024, ServletBody.readSize(-1));
    }

    @Test
    void aBodyWhoseDeclaredBytesHaveAllArrivedStillGetsAOneByteBufferToSeeTheEnd() {
        assertEquals(1, ServletBody.readSize(0));
    }
}
