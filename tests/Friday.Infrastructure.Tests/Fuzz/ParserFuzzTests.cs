using System.Diagnostics;
using System.Globalization;
using System.Text;
using Friday.Infrastructure.Realtime.Inbound;

namespace Friday.Infrastructure.Tests.Fuzz;

/// <summary>
/// Random and mutated inputs for the inbound parser, for a bounded time: whatever arrives on a socket,
/// the parser answers with a message or a <see cref="ClientMessageParseException"/>, never anything
/// else. A fixed seed makes runs comparable; a time seed explores; a failure prints both.
/// </summary>
public sealed class ParserFuzzTests
{
    private static readonly string[] Types = ["ping", "heartbeat", "subscribe", "unsubscribe", "get_unread_count", "get_unread", "mark_read", "resume", "auth", "pong", "", "PING", "subscribe\u0000"];
    private static readonly byte[] Punctuation = "{}[]\",:\\0"u8.ToArray();
    private static readonly string[] Keys = ["type", "id", "topic", "topics", "notification_types", "limit", "notification_id", "last_seq", "token", "", "Type", "__proto__"];

    [Theory]
    [InlineData(20_261_122)]
    [InlineData(null)]
    public void Parse_OnRandomInput_ShouldThrowOnlyParseExceptions(int? fixedSeed)
    {
        var seed = fixedSeed ?? Environment.TickCount;
        var budget = TimeSpan.FromSeconds(double.Parse(Environment.GetEnvironmentVariable("FRIDAY_FUZZ_SECONDS") ?? "2.5", CultureInfo.InvariantCulture));
        var random = new Random(seed);
        var clock = Stopwatch.StartNew();
        var cases = 0;
        while (clock.Elapsed < budget)
        {
            var input = Generate(random);
            cases++;
            try
            {
                ClientMessageParser.Parse(input);
            }
            catch (ClientMessageParseException)
            {
                // The one expected failure: it carries a wire error code.
            }
            catch (Exception ex)
            {
                Assert.Fail($"Seed {seed}, case {cases}: {ex.GetType().Name} for input (base64) {Convert.ToBase64String(input)}\n{ex}");
            }
        }

        Assert.True(cases > 1000, $"Seed {seed}: only {cases} cases ran.");
    }

    private static byte[] Generate(Random random) => random.Next(4) switch
    {
        0 => RandomBytes(random),
        1 => Encoding.UTF8.GetBytes(Value(random, depth: 0)),
        _ => Mutate(random, Encoding.UTF8.GetBytes(Message(random))),
    };

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 64)];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>A plausible message: right and wrong keys with values of any shape.</summary>
    private static string Message(Random random)
    {
        var fields = Enumerable.Range(0, random.Next(0, 5))
            .Select(_ => $"{Quote(Pick(random, Keys))}:{Value(random, 1)}")
            .Prepend($"\"type\":{(random.Next(5) == 0 ? Value(random, 1) : Quote(Pick(random, Types)))}");
        return "{" + string.Join(",", fields) + "}";
    }

    private static string Value(Random random, int depth) => random.Next(depth > 20 ? 6 : 9) switch
    {
        0 => "null",
        1 => random.Next(2) == 0 ? "true" : "false",
        2 => Number(random),
        3 or 4 => Quote(Text(random)),
        5 => random.Next(2) == 0 ? "1e999" : "-0",
        6 => "[" + string.Join(",", Enumerable.Range(0, random.Next(0, 4)).Select(_ => Value(random, depth + 1))) + "]",
        7 => "{" + string.Join(",", Enumerable.Range(0, random.Next(0, 4)).Select(_ => $"{Quote(Pick(random, Keys))}:{Value(random, depth + 1)}")) + "}",
        _ => new string('[', random.Next(1, 80)),
    };

    private static string Number(Random random) => random.Next(4) switch
    {
        0 => random.Next().ToString(CultureInfo.InvariantCulture),
        1 => (-random.NextInt64()).ToString(CultureInfo.InvariantCulture),
        2 => (random.NextDouble() * 1e20).ToString("R", CultureInfo.InvariantCulture),
        _ => "9999999999999999999999999",
    };

    private static string Text(Random random)
    {
        var length = random.Next(0, random.Next(8) == 0 ? 300 : 20);
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append((char)random.Next(0, random.Next(4) == 0 ? 0xFFFF : 0x80));
        }

        return builder.ToString();
    }

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    private static byte[] Mutate(Random random, byte[] input)
    {
        var bytes = input.ToList();
        for (var i = random.Next(0, 4); i > 0 && bytes.Count > 0; i--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(4))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes.RemoveAt(at);
                    break;
                case 2:
                    bytes.Insert(at, Punctuation[random.Next(Punctuation.Length)]);
                    break;
                default:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
            }
        }

        return [.. bytes];
    }

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];
}
