import BylineCore
import Testing

/// The role matrix written out literally, one row per action: a change to who may do what has
/// to change this table too.
@Suite struct NewsroomPermissionsTests {
    /// Columns: contributor, author, editor, administrator, owner.
    static let matrix: [(NewsroomAction, [Bool])] = [
        (.createPost, [true, true, true, true, true]),
        (.editOwnUnpublishedPost, [true, true, true, true, true]),
        (.deleteOwnUnpublishedPost, [true, true, true, true, true]),
        (.editOwnPublishedPost, [false, true, true, true, true]),
        (.publishOwnPost, [false, true, true, true, true]),
        (.deleteOwnPublishedPost, [false, true, true, true, true]),
        (.createTag, [false, true, true, true, true]),
        (.listAllPosts, [false, false, true, true, true]),
        (.editOthersPost, [false, false, true, true, true]),
        (.publishOthersPost, [false, false, true, true, true]),
        (.deleteOthersPost, [false, false, true, true, true]),
        (.chooseAuthor, [false, false, true, true, true]),
        (.manageTags, [false, false, true, true, true]),
        (.manageAuthors, [false, false, true, true, true]),
        (.manageStaff, [false, false, false, true, true]),
        (.manageSettings, [false, false, false, true, true]),
        (.transferOwnership, [false, false, false, false, true]),
        (.viewMembers, [false, false, true, true, true]),
        (.manageMembers, [false, false, false, true, true]),
        (.sendNewsletter, [false, false, true, true, true]),
    ]

    static let roles: [StaffRole] = [.contributor, .author, .editor, .administrator, .owner]

    @Test func everyActionIsInTheMatrix() {
        #expect(Set(Self.matrix.map(\.0)) == Set(NewsroomAction.allCases))
        #expect(Self.matrix.count == NewsroomAction.allCases.count)
    }

    @Test(arguments: matrix) func matrixRow(_ action: NewsroomAction, _ allowed: [Bool]) {
        for (role, expected) in zip(Self.roles, allowed) {
            #expect(
                NewsroomPermissions.allows(role, action) == expected,
                "\(role.rawValue) \(expected ? "may" : "may not") \(action)")
        }
    }

    /// Managing accounts: (actor, target, new role or nil, allowed).
    static let staffCases: [(StaffRole, StaffRole, StaffRole?, Bool)] = [
        (.owner, .administrator, nil, true),
        (.owner, .administrator, .editor, true),
        (.owner, .editor, .administrator, true),
        (.owner, .editor, .owner, false),
        (.administrator, .editor, .administrator, true),
        (.administrator, .administrator, .editor, true),
        (.administrator, .owner, nil, false),
        (.administrator, .owner, .editor, false),
        (.administrator, .author, .owner, false),
        (.editor, .author, nil, false),
        (.editor, .contributor, .author, false),
        (.author, .contributor, nil, false),
        (.contributor, .contributor, nil, false),
    ]

    @Test(arguments: staffCases) func managingStaff(
        _ actor: StaffRole, _ target: StaffRole, _ newRole: StaffRole?, _ allowed: Bool
    ) {
        #expect(NewsroomPermissions.mayManage(actor, target: target, newRole: newRole) == allowed)
    }

    @Test func actionsForAPost() {
        #expect(NewsroomPermissions.editAction(own: true, published: false) == .editOwnUnpublishedPost)
        #expect(NewsroomPermissions.editAction(own: true, published: true) == .editOwnPublishedPost)
        #expect(NewsroomPermissions.editAction(own: false, published: false) == .editOthersPost)
        #expect(NewsroomPermissions.deleteAction(own: true, published: true) == .deleteOwnPublishedPost)
        #expect(NewsroomPermissions.deleteAction(own: false, published: false) == .deleteOthersPost)
        #expect(NewsroomPermissions.publishAction(own: true) == .publishOwnPost)
        #expect(NewsroomPermissions.publishAction(own: false) == .publishOthersPost)
    }

    @Test func rolesAreOrderedByTrust() {
        #expect(StaffRole.contributor < .author && StaffRole.author < .editor)
        #expect(StaffRole.editor < .administrator && StaffRole.administrator < .owner)
    }
}
