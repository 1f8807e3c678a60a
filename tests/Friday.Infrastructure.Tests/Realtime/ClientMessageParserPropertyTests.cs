using System.Text;
using System.Text.RegularExpressions;
using Friday.Infrastructure.Realtime.Inbound;
using Xunit.Abstractions;

namespace Friday.Infrastructure.Tests.Realtime;

/// <summary>
/// The parser's contract: for any input it returns a message or throws
/// <see cref="ClientMessageParseException"/>, never anything else (which would reach the socket loop).
/// </summary>
public sealed class ClientMessageParserPropertyTests(ITestOutputHelper output)
{
    private const int Iterations = 20_000;

    private static readonly string[] Seeds =
    [
        """{"type":"ping","id":"a"}""",
        """{"type":"subscribe","topic":"notes","topics":["a","b"],"notification_types":["x"]}""",
        """{"type":"get_unread","limit":10}""",
        """{"type":"mark_read","notification_id":"n"}""",
        """{"type":"resume","last_seq":12}""",
        """{"type":"auth","token":"t"}""",
        """{"type":"unsubscribe","topics":[]}""",
    ];

    private static readonly string[] Fragments =
    [
        "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\uD800", "\\uDC00", "\\uD83D\\uDE00", "\\ud800x", "null", "true", "false", "-0", "1e309",
        "-1", "0.5", "99999999999999999999", "\"type\"", "\"id\"", "\"topics\"", "\"limit\"", "\"last_seq\"", "\"notification_types\"",
        "\"notification_id\"", "\"token\"", "\"topic\"", "\"subscribe\"", "\"get_unread\"", "\"resume\"", "\"mark_read\"", "\"auth\"",
        "\u00e9", "\u0000", "\t", "\n", "\u2028", "\uFEFF", "/*", "*/", "//",
    ];

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    [Fact]
    public void Parse_WhenGivenRandomBytes_ShouldOnlyThrowClientMessageParseException_FixedSeed()
    {
        AssertOnlyParseExceptions(20261122, validUtf8Only: false);
    }

    [Fact]
    public void Parse_WhenGivenRandomBytes_ShouldOnlyThrowClientMessageParseException_TimeSeed()
    {
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        AssertOnlyParseExceptions(seed, validUtf8Only: false);
    }

    /// <summary>Input that passes the reader's UTF-8 and escape checks, so the field rules behind them are fuzzed too: random bytes mostly stop at the first.</summary>
    [Fact]
    public void Parse_WhenGivenRandomValidUtf8_ShouldOnlyThrowClientMessageParseException_FixedSeed()
    {
        AssertOnlyParseExceptions(20261122, validUtf8Only: true);
    }

    [Fact]
    public void Parse_WhenGivenRandomValidUtf8_ShouldOnlyThrowClientMessageParseException_TimeSeed()
    {
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        AssertOnlyParseExceptions(seed, validUtf8Only: true);
    }

    private static void AssertOnlyParseExceptions(int seed, bool validUtf8Only)
    {
        var tested = 0;
        var random = new Random(seed);
        for (var i = 0; tested < Iterations && i < Iterations * 5; i++)
        {
            var input = (i % 4) switch
            {
                0 => RandomBytes(random),
                1 => Encoding.UTF8.GetBytes(MutateJson(random)),
                2 => FlipBytes(random, Encoding.UTF8.GetBytes(Seeds[random.Next(Seeds.Length)])),
                _ => Encoding.UTF8.GetBytes(RandomFragments(random)),
            };

            if (validUtf8Only && (!IsUtf8(input) || HasSurrogateEscape(input)))
            {
                continue;
            }

            tested++;
            try
            {
                _ = ClientMessageParser.Parse(input);
            }
            catch (ClientMessageParseException)
            {
            }
            catch (Exception ex)
            {
                Assert.Fail($"seed {seed}, iteration {i}: {ex.GetType().Name} ({ex.Message}) for input {Convert.ToHexString(input)} = {Encoding.UTF8.GetString(input)}");
            }
        }

        Assert.True(tested == Iterations, $"seed {seed}: only {tested} inputs were tried");
    }

    private static bool HasSurrogateEscape(byte[] input) =>
        Regex.IsMatch(Encoding.UTF8.GetString(input), @"\\u[dD][89a-fA-F]", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static bool IsUtf8(byte[] input)
    {
        try
        {
            _ = StrictUtf8.GetString(input);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 64)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] FlipBytes(Random random, byte[] bytes)
    {
        for (var flips = random.Next(1, 4); flips > 0 && bytes.Length > 0; flips--)
        {
            bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
        }

        return bytes;
    }

    private static string MutateJson(Random random)
    {
        var text = new StringBuilder(Seeds[random.Next(Seeds.Length)]);
        for (var edits = random.Next(1, 4); edits > 0; edits--)
        {
            var at = random.Next(text.Length + 1);
            switch (random.Next(3))
            {
                case 0:
                    text.Insert(at, Fragments[random.Next(Fragments.Length)]);
                    break;
                case 1 when at < text.Length:
                    text.Remove(at, Math.Min(random.Next(1, 6), text.Length - at));
                    break;
                default:
                    // Replace a value slot with a fragment of another kind.
                    var colon = text.ToString().IndexOf(':', Math.Min(at, text.Length));
                    if (colon >= 0)
                    {
                        text.Insert(colon + 1, Fragments[random.Next(Fragments.Length)] + ",");
                    }

                    break;
            }
        }

        return text.ToString();
    }

    private static string RandomFragments(Random random)
    {
        var text = new StringBuilder("{\"type\":");
        for (var n = random.Next(1, 12); n > 0; n--)
        {
            text.Append(Fragments[random.Next(Fragments.Length)]);
        }

        return text.ToString();
    }
}
