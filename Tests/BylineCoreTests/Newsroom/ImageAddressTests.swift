import BylineCore
import Testing

@Suite struct ImageAddressTests {
    @Test(arguments: ["", "/content/images/ferry.jpg", "https://cdn.example/ferry.jpg", "HTTP://cdn.example/a.png"])
    func accepted(_ address: String) {
        #expect(ImageAddress.problem(with: address) == nil)
    }

    @Test(arguments: [
        "javascript:alert(1)", "data:image/png;base64,AAAA", "//evil.example/x.png", "ftp://files.example/x.png",
        "https://", "/a b.png", "ferry.jpg",
    ])
    func refused(_ address: String) {
        #expect(ImageAddress.problem(with: address) != nil)
    }
}
