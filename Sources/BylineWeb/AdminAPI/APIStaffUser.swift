import BylineCore

/// The staff member a request acts for (`GET /api/admin/me`): a script can check which account
/// its token belongs to and what role, before it tries something the role may not do.
struct APIStaffUser: Encodable {
    let user: StaffUser

    enum CodingKeys: String, CodingKey {
        case id, name, email, role
        case authorID = "author_id"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(user.id, forKey: .id)
        try container.encode(user.name, forKey: .name)
        try container.encode(user.email, forKey: .email)
        try container.encode(user.role, forKey: .role)
        try container.encode(user.authorID, forKey: .authorID)
        try container.encode(user.createdAt, forKey: .createdAt)
        try container.encode(user.updatedAt, forKey: .updatedAt)
    }
}
