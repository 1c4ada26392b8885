namespace CharacterFunctions.Roleplay.Speech;

/// <summary>
/// The token ids that keep the model from writing parentheses, as data. Source: seed 001 (Qwen-Character
/// guide, "限制输出内容" / restricting output content), the OpenAI-compatible logit_bias example: "IDs cover
/// "(", ")", full-width variants, and all "(+letter" combinations", 63 ids, each at -100 ("-100 completely
/// bans the token"). Seed 002's shorter example also lists 96899 and 6599; seed 001 calls its own table the
/// complete one, so only its ids are used.
/// </summary>
public static class ParenthesesBan
{
    public const int Bias = -100;

    public static readonly IReadOnlyList<string> TokenIds =
    [
        "7", "8", "320", "873", "955",
        "1141", "1155", "1255", "1295", "1337",
        "1445", "1500", "1883", "1956", "2026",
        "2075", "2333", "2601", "2785", "2877",
        "3025", "3189", "3203", "3268", "3325",
        "3622", "3747", "3759", "4140", "4346",
        "4957", "5304", "5349", "5432", "5969",
        "6253", "6699", "7021", "7552", "7644",
        "7832", "8154", "8204", "8972", "9909",
        "10108", "10297", "10583", "10722", "10896",
        "12317", "12410", "12832", "13174",
        "14031", "16368", "16738", "19238",
        "20206", "27855", "42344", "58359", "91093",
    ];
}
