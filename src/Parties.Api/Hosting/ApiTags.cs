namespace Parties.Api.Hosting;

/// <summary>A route group's tag in the API reference, with the description that <c>WithTags</c> cannot carry.</summary>
public sealed record ApiTag(string Name, string Description);

public static class ApiTags
{
    /// <summary>Tags every endpoint of the group and describes the tag; the reference lists tags in
    /// <see cref="ApiDocs.TagOrder"/>.</summary>
    public static TBuilder WithApiTag<TBuilder>(this TBuilder builder, string name, string description)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithTags(name).WithMetadata(new ApiTag(name, description));
}
