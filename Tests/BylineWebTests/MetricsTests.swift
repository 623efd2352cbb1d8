import BylineTestSupport
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite struct MetricsTests {
    /// The value of the sample line that starts with `prefix` (name and labels).
    static func sample(_ text: String, _ prefix: String) -> Double? {
        text.split(separator: "\n").first { $0.hasPrefix(prefix) }.flatMap { Double($0.split(separator: " ").last!) }
    }

    @Test(arguments: StoreKind.allCases) func requestsLatenciesAndCacheRatioArePublishedInPrometheusFormat(
        kind: StoreKind
    ) async throws {
        let site = try await HTTPBehaviourTests.demoSite(kind)
        try await site.serve { client in
            for _ in 0..<3 { _ = try await client.get("/story-number-1/") }
            _ = try await client.get("/nowhere/")  // a post route whose post does not exist
            _ = try await client.get("/a//b")
            _ = try await client.get("/archive")
            let response = try await client.get("/metrics")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            let text = response.text
            #expect(Self.sample(text, "byline_http_requests_total{route=\"post\",status=\"2xx\"}") == 3)
            #expect(Self.sample(text, "byline_http_requests_total{route=\"post\",status=\"4xx\"}") == 1)
            #expect(Self.sample(text, "byline_http_requests_total{route=\"not_found\",status=\"4xx\"}") == 1)
            #expect(Self.sample(text, "byline_http_requests_total{route=\"redirect\",status=\"3xx\"}") == 1)
            #expect(Self.sample(text, "byline_http_request_duration_seconds_count{route=\"post\"}") == 4)
            #expect(Self.sample(text, "byline_page_cache_hits_total") == 2)
            #expect(Self.sample(text, "byline_page_cache_misses_total") == 2)
            let ratio = try #require(Self.sample(text, "byline_page_cache_hit_ratio"))
            #expect(abs(ratio - 0.5) < 0.001)
            #expect(Self.sample(text, "byline_page_cache_entries") == 1)
        }
    }
}
