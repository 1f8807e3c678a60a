using System.Globalization;
using Friday.Bench.HeapProfile;

// snapshot PID FILE: a full collection in the running server, then a heap dump of it.
// compare BEFORE AFTER CONNECTIONS: what the connections added, per connection, by layer and type.
switch (args)
{
    case ["snapshot", var pid, var file]:
        await Snapshot.TakeAsync(int.Parse(pid, CultureInfo.InvariantCulture), file);
        return 0;
    case ["compare", var before, var after, var connections]:
        var growth = HeapCensus.Read(after).Minus(HeapCensus.Read(before));
        GrowthReport.Print(growth, int.Parse(connections, CultureInfo.InvariantCulture), Console.Out);
        return 0;
    default:
        Console.Error.WriteLine("usage: snapshot PID FILE | compare BEFORE.dmp AFTER.dmp CONNECTIONS");
        return 2;
}
