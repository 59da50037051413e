package dev.portcullis.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class QueryParametersTest {

    @Test
    void pairsKeepTheirRawTextWhileNamesAndValuesAreDecoded() {
        List<QueryParameters.Pair> pairs = QueryParameters.parse("a=%2F&b=x+y&flag");

        assertEquals(List.of(
                new QueryParameters.Pair("a=%2F", "a", "/"),
                new QueryParameters.Pair("b=x+y", "b", "x y"),
                new QueryParameters.Pair("flag", "flag", "")), pairs);
    }

    @Test
    void emptyPairsAreSkipped() {
        assertEquals(2, QueryParameters.parse("a=1&&b=2&").size());
    }

    @Test
    void valuesReturnsEveryValueOfTheNameInOrder() {
        assertEquals(List.of("1", "3"), QueryParameters.values("t=1&u=2&t=3", "t"));
        assertEquals(List.of(), QueryParameters.values(null, "t"));
    }

    @Test
    void anEncodedNameMatchesItsDecodedForm() {
        assertEquals(List.of("x"), QueryParameters.values("access%5Ftoken=x", "access_token"));
    }

    @Test
    void aMalformedEscapeIsKeptLiterallyAndMatchesNothingElse() {
        assertEquals(List.of("%zz"), QueryParameters.values("a=%zz", "a"));
        assertEquals(List.of(), QueryParameters.values("%zz=1", "a"));
    }

    @Test
    void withoutRemovesOnlyThatNameAndLeavesOtherBytesAlone() {
        assertEquals("a=%2F&b=%C3%A9+x", QueryParameters.without("a=%2F&token=abc&b=%C3%A9+x&token=def", "token"));
    }

    @Test
    void withoutReturnsNullWhenNothingIsLeft() {
        assertNull(QueryParameters.without("token=abc", "token"));
        assertNull(QueryParameters.without(null, "token"));
    }
}
