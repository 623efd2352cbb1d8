/// Every role a site's store plays. The server, the CLI and importers ask for the roles they
/// use (``PublicReading``, ``PostWriting``...); ``SiteStore`` plays them all, on either engine.
public typealias Store =
    SettingsStore & PostWriting & PublicReading & ChangeLog & SnapshotStore & JobQueue & StaffStore
    & NewsroomPosts & TaxonomyEditing & MemberStore & MemberAdministration & NewsletterDeliveryQueue
    & PostSearching & CommentStore
    & RelatedLists & RelatedReading & ImageStoring
