using System.Globalization;
using System.Text;

namespace Friday.Bench.LoadGenerator.Scenarios;

internal static class BroadcastBody
{
    public static byte[] For(long sent) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $$$"""{"type":"bench","message":"x","data":{"sent":{{{sent}}}}}"""));
}
