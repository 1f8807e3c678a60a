using System.Text.Json;

namespace Friday.Bench.LoadGenerator.Protocol;

/// <summary>Reader steps both dialects share; each leaves the reader on the last token it consumed.</summary>
internal static class JsonScan
{
    /// <summary>Skips the value that follows the property name the reader is on.</summary>
    public static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    public static long ReadInt64(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Number ? reader.GetInt64() : 0;
    }

    /// <summary>Reads the <c>data</c> object that follows, returning its <c>sent</c> stamp or 0.</summary>
    public static long ReadDataSent(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return 0;
        }

        long sent = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("sent"u8))
            {
                sent = ReadInt64(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return sent;
    }
}
