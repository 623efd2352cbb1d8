import BylineStore

/// The store roles the newsroom (admin pages and Admin API) uses.
public typealias NewsroomStore = SiteReading & SettingsStore & PostWriting & NewsroomPosts & TaxonomyEditing
    & StaffStore & MemberStore & NewsletterDeliveryQueue
