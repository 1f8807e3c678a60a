using System.Reflection;
using System.Runtime.InteropServices;
using System.Xml.Linq;
using Friday.Tests.Support;

namespace Friday.WebApi.Tests;

/// <summary>The layers depend inward only (WebApi → Infrastructure → Application → Domain), and the Domain on nothing but .NET itself.</summary>
public sealed class ArchitectureTests
{
    /// <summary>Innermost first.</summary>
    private static readonly string[] Layers = ["Friday.Domain", "Friday.Application", "Friday.Infrastructure", "Friday.WebApi"];

    public static TheoryData<string> EachLayer() => [.. Layers];

    [Theory]
    [MemberData(nameof(EachLayer))]
    public void ProjectReferences_ShouldPointInward(string layer)
    {
        var referenced = Project(layer).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')));

        Assert.All(referenced, name => Assert.Contains(name, Inward(layer)));
    }

    [Theory]
    [MemberData(nameof(EachLayer))]
    public void CompiledAssembly_ShouldReferenceOnlyInwardLayers(string layer)
    {
        var referenced = Assembly.Load(layer).GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("Friday.", StringComparison.Ordinal));

        Assert.All(referenced, name => Assert.Contains(name, Inward(layer)));
    }

    [Fact]
    public void Domain_ShouldReferenceNoPackageAndNoProject()
    {
        var project = Project("Friday.Domain");

        Assert.DoesNotContain(project.Descendants(), e => e.Name.LocalName is "PackageReference" or "ProjectReference" or "FrameworkReference");
    }

    [Fact]
    public void Domain_ShouldUseOnlyAssembliesOfTheRuntimeItself()
    {
        var runtime = RuntimeEnvironment.GetRuntimeDirectory();

        var referenced = Assembly.Load("Friday.Domain").GetReferencedAssemblies();

        Assert.All(referenced, a => Assert.True(File.Exists(Path.Combine(runtime, a.Name + ".dll")), $"{a.Name} is not part of the runtime."));
    }

    private static string[] Inward(string layer) => Layers[..Array.IndexOf(Layers, layer)];

    private static XDocument Project(string layer) => XDocument.Load(Path.Combine(RepositoryPaths.Root, "src", layer, $"{layer}.csproj"));
}
