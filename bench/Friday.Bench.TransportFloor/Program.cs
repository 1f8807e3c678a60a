using System.Globalization;
using Friday.Bench.TransportFloor;

// What the server side of an idle WebSocket costs below any application, two ways (bench/transport-floor.sh):
//   aspnetcore PORT   ASP.NET Core's WebSocket middleware, nothing else in the pipeline
//   connection PORT   a Kestrel connection handler that does the upgrade itself: no HTTP request kept
//   clients URL N     N idle clients; prints "open N" once all are in, then holds them until killed
switch (args)
{
    case ["aspnetcore", var port]:
        await AspNetCoreFloor.RunAsync(int.Parse(port, CultureInfo.InvariantCulture));
        return 0;
    case ["connection", var port]:
        await ConnectionFloor.RunAsync(int.Parse(port, CultureInfo.InvariantCulture));
        return 0;
    case ["clients", var url, var count]:
        await IdleClients.HoldAsync(new Uri(url), int.Parse(count, CultureInfo.InvariantCulture));
        return 0;
    default:
        await Console.Error.WriteLineAsync("usage: aspnetcore PORT | connection PORT | clients URL N");
        return 2;
}
