/// Words too common in English news to say what an article is about: function words, and the
/// reporting verbs and time words every story has ("said", "told", "week"). Checked on the
/// lowercased, folded word and again on its stem.
public enum RelatedStopWords {
    public static func contains(_ word: String) -> Bool { words.contains(word) }

    static let words: Set<String> = Set(
        """
        about above across after again against ago all almost along already also although always among and another
        any anyone anything are around because been before being below between both but can cannot could did does
        doing done down during each either else enough even ever every few for from further had has have having her
        here hers herself him himself his how however into its itself just last later least less like made make
        many may might more most much must near nearly neither never new next nor not now off often once one only
        onto other others our ours ourselves out over own per perhaps put rather really same several she should
        since some something still such than that the their theirs them themselves then there these they thing
        this those though three through thus too toward towards two under until upon very was way were what when
        where whether which while who whom whose why will with within without would yet you your yours yourself
        according added adding announced asked called comment comments continue continued day days described
        expected first further get gets getting given going got including know known likely look month months
        part people percent quoted really reported reporter reuters said say saying says second seen set show
        since statement still take taken tell time times told took want week weeks went year years yesterday
        today tomorrow monday tuesday wednesday thursday friday saturday sunday minute minutes hour hours read
        http https www com html
        """.split(whereSeparator: \.isWhitespace).map(String.init))
}
