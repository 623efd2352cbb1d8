import Logging
import ServiceLifecycle

/// Publishes scheduled posts when their time comes: a round at once on start (catching up on
/// posts that came due while no node ran), then one every `interval`. Every node runs one;
/// ``NewsroomPosts/publishDuePosts()`` lets each post be published by exactly one of them, and
/// the change it records makes every node drop the pages the post joins.
public struct ScheduledPublisher: Service {
    let posts: any NewsroomPosts
    let logger: Logger
    /// A post goes live at most this long after its time.
    public var interval: Duration

    public init(posts: any NewsroomPosts, logger: Logger, interval: Duration = .seconds(1)) {
        self.posts = posts
        self.logger = logger
        self.interval = interval
    }

    public func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await publishOnce()
                try await Task.sleep(for: interval)
            }
        }
    }

    /// One round; returns the ids it published. A failure is logged (the database may be away
    /// for a moment) and the next round tries again: nothing due is lost, it stays scheduled.
    @discardableResult
    public func publishOnce() async -> [Int64] {
        do {
            let published = try await posts.publishDuePosts()
            if !published.isEmpty {
                logger.info(
                    "published scheduled posts",
                    metadata: [
                        "count": "\(published.count)", "ids": "\(published.map(String.init).joined(separator: ","))",
                    ])
            }
            return published
        } catch {
            logger.warning("publishing scheduled posts failed: \(error)")
            return []
        }
    }
}
