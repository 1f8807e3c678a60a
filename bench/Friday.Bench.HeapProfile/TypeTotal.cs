namespace Friday.Bench.HeapProfile;

internal readonly record struct TypeTotal(long Count, long Bytes)
{
    public static TypeTotal operator +(TypeTotal left, TypeTotal right) => new(left.Count + right.Count, left.Bytes + right.Bytes);

    public static TypeTotal operator -(TypeTotal left, TypeTotal right) => new(left.Count - right.Count, left.Bytes - right.Bytes);
}
