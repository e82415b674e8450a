namespace BillingFunctions.Domain.Monetary;

/// <summary>
/// Active ISO 4217 codes and their minor-unit digits as Stripe charges them
/// (Stripe treats the listed zero-decimal currencies as having no minor unit, and charges the three-decimal ones to two
/// decimals' precision: see <see cref="Currency.StripeChargeIncrement"/>).
/// </summary>
internal static class IsoCurrencies
{
    private static readonly string[] ZeroDecimal =
        ["bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf"];

    private static readonly string[] ThreeDecimal = ["bhd", "jod", "kwd", "omr", "tnd"];

    private static readonly string[] TwoDecimal =
    [
        "aed", "afn", "all", "amd", "ang", "aoa", "ars", "aud", "awg", "azn", "bam", "bbd", "bdt", "bgn", "bmd", "bnd",
        "bob", "brl", "bsd", "btn", "bwp", "byn", "bzd", "cad", "cdf", "chf", "cny", "cop", "crc", "cup", "cve", "czk",
        "dkk", "dop", "dzd", "egp", "ern", "etb", "eur", "fjd", "fkp", "gbp", "gel", "ghs", "gip", "gmd", "gtq", "gyd",
        "hkd", "hnl", "htg", "huf", "idr", "ils", "inr", "iqd", "irr", "isk", "jmd", "kes", "kgs", "khr", "kpw", "kyd",
        "kzt", "lak", "lbp", "lkr", "lrd", "lsl", "lyd", "mad", "mdl", "mkd", "mmk", "mnt", "mop", "mru", "mur", "mvr",
        "mwk", "mxn", "myr", "mzn", "nad", "ngn", "nio", "nok", "npr", "nzd", "pab", "pen", "pgk", "php", "pkr", "pln",
        "qar", "ron", "rsd", "rub", "sar", "sbd", "scr", "sdg", "sek", "sgd", "shp", "sle", "sos", "srd", "ssp", "stn",
        "svc", "syp", "szl", "thb", "tjs", "tmt", "top", "try", "ttd", "twd", "tzs", "uah", "usd", "uyu", "uzs", "ves",
        "wst", "xcd", "yer", "zar", "zmw", "zwl",
    ];

    /// <summary>
    /// Stripe's currency documentation: three-decimal amounts must end in 0, for compatibility with its payment partners;
    /// "your integration must round amounts to the nearest ten".
    /// </summary>
    public const long ThreeDecimalChargeIncrement = 10;

    public static readonly IReadOnlyDictionary<string, int> MinorDigits =
        ZeroDecimal.Select(c => (c, 0))
            .Concat(TwoDecimal.Select(c => (c, 2)))
            .Concat(ThreeDecimal.Select(c => (c, 3)))
            .ToDictionary(p => p.c, p => p.Item2);
}
